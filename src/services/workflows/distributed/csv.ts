// CSV as Distributed Map's ItemReader reads it: RFC 4180 fields (quotes, doubled quotes, delimiters and
// line breaks inside quotes), one of the delimiters AWS names in ReaderConfig.CSVDelimiter
// (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html), blank lines skipped.

/** ReaderConfig.CSVDelimiter values and the character each stands for. */
export const CSV_DELIMITERS: Record<string, string> = {
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  SPACE: ' ',
  TAB: '\t',
};

/** Parses CSV text into rows of fields; stops after `maxRows` rows when given. */
export function parseCsv(text: string, delimiter = ',', maxRows = Infinity): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
    field = '';
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1; // a UTF-8 byte order mark is not data
  while (i < text.length && rows.length < maxRows) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      endRow();
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (rows.length < maxRows && (field !== '' || row.length > 0)) endRow();
  return rows;
}
