// Raised while compiling or rendering; renderTemplate turns it into a one-line UsageError
// of the form `<headline> (<where>): <detail>`.

export class TemplateFault extends Error {
  constructor(
    readonly headline: string,
    readonly detail: string,
    readonly line?: number,
    readonly column?: number,
    /** Set when a top-level variable is missing, so the caller can suggest how to supply it. */
    readonly missingVariable?: string,
  ) {
    super(`${headline}: ${detail}`);
  }
}

/** Error messages from nunjucks, JSON.parse and friends can span lines; ours never do. */
export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
