import { Flags } from '@oclif/core';
import { EddyCommand } from '../cli/base-command.js';
import { colors } from '../cli/colors.js';
import { validateApp, type ValidationReport } from '../dev/validate-app.js';

/** `eddy validate`: checks the template, every pattern, input transformer and state machine. */
export default class Validate extends EddyCommand {
  static override summary = 'Check the template, its event patterns, input transformers and state machines.';
  static override examples = [
    '<%= config.bin %> validate',
    '<%= config.bin %> validate --template infra/template.yaml --json',
  ];

  static override flags = {
    template: Flags.string({ char: 't', summary: 'The template (default: ./template.yaml).' }),
  };

  async run(): Promise<ValidationReport> {
    const { flags } = await this.parse(Validate);
    const report = await validateApp(flags.template);
    if (!this.jsonEnabled()) {
      for (const problem of report.problems) {
        this.logToStderr(
          colors.red(
            `✘ ${problem.code}: ${problem.message}${problem.location ? ` (${problem.location})` : ''}`,
          ),
        );
      }
      for (const warning of report.warnings) this.logToStderr(colors.yellow(`⚠ ${warning}`));
      if (report.valid)
        this.log(`${colors.green('✔')} ${report.template} is valid (${report.resources} resources)`);
    }
    if (!report.valid) {
      if (this.jsonEnabled()) this.logJson(report);
      this.exit(1);
    }
    return report;
  }
}
