// Text from outside (a kubeconfig context name, a backend's error message) shown in a
// terminal or written into a YAML comment: control characters (a newline that would start
// a YAML key, an escape sequence that rewrites the terminal) become "?".

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function printable(text: string): string {
  return text.replace(CONTROL, '?');
}
