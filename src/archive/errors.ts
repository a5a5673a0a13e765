/**
 * Faults of the archive that are not bad input: another process holds the
 * quarter, or the archive's record does not allow what was asked. Each carries
 * the exit code the command line documents for it.
 */
export type ArchiveFault = 'busy' | 'refused' | 'output';

export class ArchiveError extends Error {
  constructor(
    readonly fault: ArchiveFault,
    /** The file or folder concerned, as the user named it. */
    readonly file: string,
    message: string,
    readonly hint?: string,
  ) {
    super(`${file}: ${message}${hint ? `\n    → ${hint}` : ''}`);
    this.name = 'ArchiveError';
  }
}
