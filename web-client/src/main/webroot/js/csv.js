// Lists of cards as spreadsheets save them: Excel and LibreOffice write CSV with a byte-order mark,
// CRLF line ends, fields in double quotes (a quote inside doubled), and, in a Dutch Excel, semicolons
// instead of commas. parseCsv reads all of those; cardsFromRows turns rows into deck cards.

/** The separator of a CSV text: whichever of ; , or tab occurs most in its first line, outside quotes. */
export function separatorOf(text) {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch] += 1;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return best[1] > 0 ? best[0] : ',';
}

/** Rows of cells, each trimmed; empty rows left out. */
export function parseCsv(input) {
  const text = String(input).replace(/^\uFEFF/, '');
  const sep = separatorOf(text);
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 1; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === sep) {
      row.push(cell); cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell); cell = '';
      rows.push(row); row = [];
    } else {
      cell += ch;
    }
  }
  row.push(cell);
  rows.push(row);
  return rows.map((r) => r.map((c) => c.replace(/\r\n?/g, '\n').trim())).filter((r) => r.some((c) => c !== ''));
}

const HEADER = /^(categor(y|ie)|label|naam|name|factor|kaart|card|omschrijving|beschrijving|description)$/i;

/** Whether a first row names the columns rather than holding a card. */
export function isHeader(row) {
  return row.length >= 2 && HEADER.test(row[0]) && HEADER.test(row[1]);
}
