import { ConversionError, type ConvertedText } from './converted.js';

export async function docxToText(bytes: Uint8Array): Promise<ConvertedText> {
  void bytes;
  throw new ConversionError('damaged', 'not yet');
}
