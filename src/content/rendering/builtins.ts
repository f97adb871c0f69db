/**
 * The built-in templates shipped as JSON in assets/templates. They go through the same schema
 * as institution templates, so a broken built-in fails at first use (and in the golden tests),
 * naming the file and the path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../common/app-error';
import { parseTemplate, Template } from './template';

const TEMPLATES_DIR = resolve('assets', 'templates');

let cached: ReadonlyMap<string, Template> | undefined;

function load(): ReadonlyMap<string, Template> {
  const templates = new Map<string, Template>();
  const files = readdirSync(TEMPLATES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const file of files) {
    let template: Template;
    try {
      template = parseTemplate(JSON.parse(readFileSync(join(TEMPLATES_DIR, file), 'utf8')));
    } catch (error) {
      const detail = error instanceof AppError ? `${error.field}: ${error.message}` : String(error);
      throw new Error(`Built-in template ${file} is invalid: ${detail}`);
    }
    if (`${template.id}.json` !== file || templates.has(template.id)) {
      throw new Error(
        `Built-in template ${file} must hold the template with id "${file.slice(0, -5)}"`,
      );
    }
    templates.set(template.id, template);
  }
  return templates;
}

export function builtInTemplates(): Template[] {
  cached ??= load();
  return [...cached.values()];
}

export function builtInTemplate(id: string): Template {
  cached ??= load();
  const template = cached.get(id);
  if (!template) throw AppError.notFound({ id: 'Template', en: 'Template' }, 'templateId');
  return template;
}
