// The emulator's notion of "now": real time shifted by an offset that tests (and the admin API) control.

import { addUnits, type DateUnit } from "./dates";

export interface Clock {
  now(): Date;
  advance(ms: number): void;
  set(d: Date): void;
}

/** Runs with wall-clock time plus an offset, so time keeps moving (ordering stays real) but can jump. */
export class OffsetClock implements Clock {
  private offsetMs: number;

  constructor(start?: Date, offsetMs = 0) {
    this.offsetMs = start ? start.getTime() - Date.now() : offsetMs;
  }

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`advance needs a finite number of milliseconds, got ${ms}`);
    this.offsetMs += ms;
  }

  /** Advances by a calendar amount (`M` months and `y` years are not fixed lengths). */
  advanceUnits(amount: number, unit: DateUnit): void {
    const now = this.nowMs();
    this.offsetMs += addUnits(now, amount, unit) - now;
  }

  set(d: Date): void {
    const ms = d.getTime();
    if (Number.isNaN(ms)) throw new RangeError("set needs a valid Date");
    this.offsetMs = ms - Date.now();
  }

  get offset(): number {
    return this.offsetMs;
  }

  set offset(ms: number) {
    this.offsetMs = ms;
  }
}
