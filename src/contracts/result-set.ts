// What every statement returns: exec and the backend produce it, output and the servers
// read it. It lives here so each side imports it without importing the other.

export interface ResultColumn {
  name: string;
  /** The value is JSON text (an object or array column): printed as text, nested in json. */
  json?: boolean;
}

export interface ResultSet {
  columns: ResultColumn[];
  rows: unknown[][];
  /** Said on stderr beside the result: what a statement chose not to do, and why. */
  notices?: string[];
}
