// `eddy validate` checks for EventBridge: every rule's and archive's pattern, every target's input
// configuration, each with AWS's message and the template position.
import { invalidPatternMessage, validatePattern } from '../../patterns/index.js';
import type { AppModel } from '../../template/model.js';
import { validateTargetInput } from '../../transform/index.js';
import { formatPosition } from '../position.js';
import type { ValidationProblem } from '../validate-app.js';

/** Problems in event patterns (rules, archives). */
export function checkEventPatterns(app: AppModel): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const owner of [...app.rules, ...app.archives]) {
    if (owner.eventPattern === undefined) continue;
    const reason = validatePattern(owner.eventPattern);
    if (reason !== null) {
      problems.push({
        code: 'InvalidEventPatternException',
        message: invalidPatternMessage(reason),
        location: formatPosition(owner.position),
        resource: owner.logicalId,
      });
    }
  }
  return problems;
}

/** Problems in rule targets' Input / InputPath / InputTransformer. */
export function checkTargetInputs(app: AppModel): ValidationProblem[] {
  return app.rules.flatMap((rule) =>
    rule.targets.flatMap((target, i) => {
      const error = validateTargetInput(target, i + 1);
      if (!error) return [];
      const location = formatPosition(target.position ?? rule.position);
      return [{ code: error.code, message: error.message, location, resource: rule.logicalId }];
    }),
  );
}
