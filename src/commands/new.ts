import { Args, Flags } from '@oclif/core';
import { EddyCommand } from '../cli/base-command.js';
import { colors } from '../cli/colors.js';
import {
  availableTemplates,
  PROJECT_TEMPLATES,
  scaffoldProject,
  type ProjectTemplate,
  type ScaffoldResult,
} from '../scaffold/scaffold.js';

/** `eddy new <dir>`: scaffolds a SAM project that runs under eddy and deploys with `sam deploy`. */
export default class New extends EddyCommand {
  static override summary = 'Create a new eddy project (a SAM app) from a template.';
  static override examples = [
    '<%= config.bin %> new my-app',
    '<%= config.bin %> new my-shop --template shop --yes',
  ];

  static override args = {
    dir: Args.string({ required: true, description: 'Folder to create the project in.' }),
  };

  static override flags = {
    template: Flags.option({ options: Object.keys(PROJECT_TEMPLATES), summary: 'Which project template.' })(),
    yes: Flags.boolean({ char: 'y', default: false, summary: 'Do not ask: use the defaults.' }),
    force: Flags.boolean({ default: false, summary: 'Write into a folder that is not empty.' }),
  };

  async run(): Promise<ScaffoldResult> {
    const { args, flags } = await this.parse(New);
    const template = (flags.template as ProjectTemplate | undefined) ?? (await this.askTemplate(flags.yes));
    const result = scaffoldProject({ dir: args.dir, template, force: flags.force });
    if (!this.jsonEnabled()) {
      this.log(
        `${colors.green('✔')} created ${colors.bold(result.dir)} from the ${template} template (${result.files.length} files)`,
      );
      this.log('');
      this.log('Next:');
      this.log(colors.cyan(`  cd ${args.dir} && npm install`));
      this.log(colors.cyan('  npx eddy dev'));
      this.log(colors.cyan('  npm test'));
    }
    return result;
  }

  private async askTemplate(yes: boolean): Promise<ProjectTemplate> {
    const available = availableTemplates();
    if (yes || !process.stdin.isTTY || available.length <= 1) return available[0] ?? 'minimal';
    const { select } = await import('@inquirer/prompts');
    return select({
      message: 'Which template?',
      choices: available.map((value) => ({ value, name: `${value}: ${PROJECT_TEMPLATES[value]}` })),
    });
  }
}
