/**
 * The terminal control characters left in text (C0 except \n and \t, DEL,
 * C1), as code points, for asserting that output is inert.
 */
export function controlChars(text: string): string[] {
  return [...text].filter((ch) => {
    const c = ch.codePointAt(0)!;
    return (c < 0x20 && c !== 0x0a && c !== 0x09) || (c >= 0x7f && c <= 0x9f);
  }).map((ch) => `U+${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}
