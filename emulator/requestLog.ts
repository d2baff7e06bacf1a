// Counters and a bounded log of API requests, by normalised route key.

export interface RequestLogEntry {
  method: string;
  route: string;
  /** The path as requested, secrets redacted, without the query string. */
  path: string;
  /** HTTP status; 0 when the connection was dropped without a response. */
  status: number;
  time: string;
}

const LOG_LIMIT = 1000;

export class RequestLog {
  private total = 0;
  private byRoute: Record<string, number> = {};
  /** Counts by HTTP status (0 = dropped), over every request, not only those still in the bounded log. */
  private byStatus: Record<string, number> = {};
  private entries: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.total++;
    this.byRoute[entry.route] = (this.byRoute[entry.route] ?? 0) + 1;
    this.byStatus[entry.status] = (this.byStatus[entry.status] ?? 0) + 1;
    this.entries.push(entry);
    if (this.entries.length > LOG_LIMIT) this.entries.splice(0, this.entries.length - LOG_LIMIT);
  }

  summary(): { total: number; byRoute: Record<string, number> } {
    return { total: this.total, byRoute: { ...this.byRoute } };
  }

  full(): { total: number; byRoute: Record<string, number>; byStatus: Record<string, number>; log: RequestLogEntry[] } {
    return { ...this.summary(), byStatus: { ...this.byStatus }, log: [...this.entries] };
  }

  reset(): void {
    this.total = 0;
    this.byRoute = {};
    this.byStatus = {};
    this.entries = [];
  }
}
