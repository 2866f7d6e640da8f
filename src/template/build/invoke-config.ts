// AWS::Lambda::EventInvokeConfig (and SAM's EventInvokeConfig): async retry settings on a function.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-eventinvokeconfig.html
import type { FunctionModel } from '../model.js';
import { nameFromArn } from '../names/physical.js';
import { isRecord } from '../resources.js';
import { num, str, type BuildInput } from './types.js';

/** Apply one EventInvokeConfig to the function it names (warns when that function is not emulated). */
export function applyInvokeConfig(input: BuildInput, functions: FunctionModel[]): void {
  const p = input.props;
  const name = nameFromArn(str(p.FunctionName) ?? '');
  const fn = functions.find((f) => f.name === name);
  if (!fn) {
    input.warn(
      `EventInvokeConfig ${input.resource.logicalId} names function '${name}', which eddy does not run`,
      input.resource.position,
    );
    return;
  }
  const retries = num(p.MaximumRetryAttempts);
  const age = num(p.MaximumEventAgeInSeconds);
  if (retries !== undefined) fn.maximumRetryAttempts = retries;
  if (age !== undefined) fn.maximumEventAgeInSeconds = age;
  const destinations = isRecord(p.DestinationConfig) ? p.DestinationConfig : {};
  const destination = (key: string) => {
    const d = destinations[key];
    return isRecord(d) ? str(d.Destination) : undefined;
  };
  const onSuccess = destination('OnSuccess');
  const onFailure = destination('OnFailure');
  if (onSuccess !== undefined) fn.onSuccessArn = onSuccess;
  if (onFailure !== undefined) fn.onFailureArn = onFailure;
}
