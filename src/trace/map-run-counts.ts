// The item counts a map run reports, shared by DescribeMapRun's answer and the `map-run` trace record
// (https://docs.aws.amazon.com/step-functions/latest/apireference/API_MapRunItemCounts.html), so the CLI's
// progress bar and the console read one shape.

/** MapRunItemCounts: how many of a map run's items are in each state. */
export interface MapRunItemCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
}
