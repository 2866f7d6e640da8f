// undici, loaded on first use (it is heavy to load and most runs never call HTTP targets) and only
// once: a dynamic import per call costs a module-loader round trip each time under tsx.
type Undici = typeof import('undici');

let loading: Promise<Undici> | undefined;

/** The undici module, imported once. */
export function loadUndici(): Promise<Undici> {
  loading ??= import('undici');
  return loading;
}
