/**
 * Fills `{{key}}` placeholders. An unknown key is a bug in the templates, so it throws rather
 * than leaving `{{key}}` in a generated file.
 */
export function renderTemplate(text: string, vars: Readonly<Record<string, string>>, file: string): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!Object.hasOwn(vars, key)) throw new Error(`template ${file} uses {{${key}}}, which the scaffold does not define`);
    return vars[key];
  });
}
