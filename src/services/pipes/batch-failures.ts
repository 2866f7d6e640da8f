// ReportBatchItemFailures: a function returns `{ batchItemFailures: [{ itemIdentifier }] }`. An empty or
// missing list means success; an identifier that is missing, empty or not in the batch makes Lambda treat
// the whole batch as failed (docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).

/** The failed message ids a response reports, or 'all' when the response fails the whole batch. */
export function parseBatchItemFailures(response: unknown, batchIds: readonly string[]): string[] | 'all' {
  if (response === null || response === undefined || typeof response !== 'object') return [];
  const list = (response as Record<string, unknown>).batchItemFailures;
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list)) return 'all';
  const ids = new Set(batchIds);
  const failed: string[] = [];
  for (const item of list) {
    const id =
      item && typeof item === 'object' ? (item as Record<string, unknown>).itemIdentifier : undefined;
    if (typeof id !== 'string' || id === '' || !ids.has(id)) return 'all';
    failed.push(id);
  }
  return failed;
}
