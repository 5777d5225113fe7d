import { UserError } from '../model/errors.js';
import { InvalidOption } from '../select/errors.js';

/** Dates of the printable outputs: apart from pdf/, so that the XLSX and CSV load no pdfkit. */

/** A fixed creation date from the `date` option (YYYY-MM-DD) or SOURCE_DATE_EPOCH, else null. */
export function creationDate(options: { date?: string; env?: NodeJS.ProcessEnv } = {}): Date | null {
  if (options.date !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(options.date);
    const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== options.date) {
      throw new InvalidOption('date', options.date, 'expected a date as YYYY-MM-DD');
    }
    return d;
  }
  const epoch = (options.env ?? process.env).SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new UserError(`SOURCE_DATE_EPOCH=${epoch}: expected whole seconds since 1970`);
    return new Date(Number(epoch) * 1000);
  }
  return null;
}

/** YYYY-MM-DD in UTC (what the footers print). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
