/** Printable outputs over the model: responsibility sheets, matrix, indicator sheet, task table. */
export * from './pdf.js';
export * from './filenames.js';
export * from './sheet-data.js';
export * from './sheet.js';
export * from './sheets.js';
export * from './matrix.js';
export * from './indicators.js';
export * from './export.js';
