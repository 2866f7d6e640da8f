// Enforces the module dependency direction of CONTRIBUTING.md: each folder of src/ may import only the
// modules listed for it. Imports are resolved to files, so relative paths cannot sneak around the rule.
import path from 'node:path';

/** Which modules each module may import (besides itself). `*` means any module. */
export const ALLOWED = {
  shared: [],
  patterns: [],
  transform: [],
  template: ['shared'],
  store: ['shared'],
  trace: ['shared'],
  'services/core': ['shared', 'store', 'trace', 'template'],
  'services/functions': ['shared', 'store', 'trace', 'template', 'services/core'],
  'services/bus': ['shared', 'patterns', 'transform', 'store', 'trace', 'template', 'services/core'],
  'services/queues': ['shared', 'store', 'trace', 'template', 'services/core'],
  'services/pipes': ['shared', 'patterns', 'transform', 'store', 'trace', 'template', 'services/core'],
  'services/workflows': ['shared', 'transform', 'store', 'trace', 'template', 'services/core'],
  'services/storage': ['shared', 'store', 'trace', 'template', 'services/core'],
  services: ['shared', 'store', 'trace', 'template', 'patterns', 'transform', 'services/*'],
  api: ['shared', 'trace', 'template', 'patterns', 'transform', 'services', 'services/*'],
  dev: ['shared', 'template', 'patterns', 'transform', 'services', 'services/*', 'api', 'trace', 'store'],
  console: [],
  scaffold: ['shared'],
  cli: ['*', '!commands'],
  commands: ['shared', 'cli', 'dev', 'template', 'patterns', 'transform', 'trace', 'scaffold'],
  testing: ['shared', 'dev', 'trace', 'template'],
  index: ['*'],
};

/** The module a file under src/ belongs to: its top folder, or services/<folder>. */
export function moduleOf(relativeToSrc) {
  const parts = relativeToSrc.split(path.sep);
  if (parts.length === 1) return parts[0].replace(/\.[cm]?[jt]s$/, '');
  if (parts[0] === 'services') return parts.length > 2 ? `services/${parts[1]}` : 'services';
  return parts[0];
}

function allowed(from, to) {
  if (from === to) return true;
  const list = ALLOWED[from];
  if (!list) return false;
  if (list.includes('!' + to)) return false;
  if (list.includes('*')) return true;
  if (list.includes(to)) return true;
  return to.startsWith('services/') && list.includes('services/*');
}

export default {
  meta: {
    type: 'problem',
    schema: [],
    messages: { forbidden: '{{from}}/ may not import {{to}}/ (see CONTRIBUTING.md, module map)' },
  },
  create(context) {
    const filename = context.filename;
    const src = path.join(context.cwd, 'src');
    if (!filename.startsWith(src + path.sep)) return {};
    const from = moduleOf(path.relative(src, filename));
    const check = (node) => {
      const spec = node.source && node.source.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(filename), spec);
      if (!target.startsWith(src + path.sep)) return;
      const to = moduleOf(path.relative(src, target));
      // The console is bundled for the browser apart from the server, but it may share the server's
      // types: type-only imports are erased from the bundle.
      const typeOnly = node.importKind === 'type' || node.exportKind === 'type';
      if (from === 'console' && typeOnly && (to === 'trace' || to === 'template')) return;
      if (!allowed(from, to)) context.report({ node, messageId: 'forbidden', data: { from, to } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
