import { dirname, resolve } from 'node:path';
import type { Config } from '../config/load.js';
import { looksLikePath } from './resolve.js';

/** What `rolemark.config.yaml` says about documents: its `template`, `theme` and `lang` keys. */
export interface TemplateSettings {
  templates?: string[];
  theme?: string;
  lang?: string;
  /** Where the project's `templates/` folder is: beside the configuration file. */
  root: string;
}

/**
 * The configuration's template settings, for a build. Names stay names (looked up in the
 * project's `templates/` beside the configuration, then the built-ins); paths are taken relative
 * to the configuration file, like its other paths. The config schema has checked the types.
 */
export function templateSettings(
  config: Pick<Config, 'file' | 'template' | 'theme' | 'lang'>,
  cwd = process.cwd(),
): TemplateSettings {
  const root = config.file ? dirname(resolve(cwd, config.file)) : cwd;
  const place = (value: string) => (looksLikePath(value) ? resolve(root, value) : value);
  const settings: TemplateSettings = { root };
  const list = typeof config.template === 'string' ? [config.template] : config.template;
  if (Array.isArray(list)) {
    const names = list
      .filter((t): t is string => typeof t === 'string')
      .flatMap((t) => t.split(','))
      .map((t) => t.trim())
      .filter((t) => t !== '');
    if (names.length > 0) settings.templates = names.map(place);
  }
  if (typeof config.theme === 'string' && config.theme.trim() !== '')
    settings.theme = place(config.theme.trim());
  if (config.lang) settings.lang = config.lang;
  return settings;
}
