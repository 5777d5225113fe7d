import { ConversionError, type ConvertedText } from './converted.js';
import { isEncryptedPackage, sofficeConvert } from './soffice.js';
import { xlsxToText } from './xlsx.js';

/**
 * A binary workbook — Excel 97–2003 .xls, WPS .et — or an .xlsx saved with a password (both are
 * OLE compound files): the encrypted one is refused, the others converted to .xlsx by headless
 * LibreOffice and read as an .xlsx is. `ext` is the file's extension, for LibreOffice's filter
 * detection and the messages.
 */
export async function binaryWorkbookToText(bytes: Uint8Array, ext: string): Promise<ConvertedText> {
  if (isEncryptedPackage(bytes)) {
    throw new ConversionError('encrypted', 'a password-protected workbook (encrypted: open it, save it without a password, and read that copy)');
  }
  // WPS's .et is a BIFF workbook as .xls is: LibreOffice tells it by its content under .xls
  const xlsx = await sofficeConvert(bytes, '.xls', 'xlsx', `a binary ${ext === '.et' ? 'WPS' : 'Excel'} workbook (${ext})`);
  const converted = await xlsxToText(xlsx);
  return { ...converted, encoding: 'binary' };
}
