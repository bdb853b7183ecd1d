export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

/** Everything dmp may ask a person; each question also has a flag. */
export interface Prompter {
  input(message: string, options?: { default?: string; validate?: (v: string) => true | string }): Promise<string>;
  password(message: string, options?: { validate?: (v: string) => true | string }): Promise<string>;
  confirm(message: string, defaultValue?: boolean): Promise<boolean>;
  select<T>(message: string, choices: Choice<T>[]): Promise<T>;
  editor(message: string, defaultValue?: string): Promise<string>;
}

/**
 * The real prompts, drawn with inquirer on the terminal. Inquirer is loaded on the first
 * prompt: importing it costs ~60 ms, which every command would otherwise pay at start.
 */
export function inquirerPrompter(streams: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream }): Prompter {
  const ctx = { input: streams.input, output: streams.output };
  const inquirer = () => import('@inquirer/prompts');
  return {
    input: async (message, options) => (await inquirer()).input({ message, default: options?.default, validate: options?.validate }, ctx),
    password: async (message, options) => (await inquirer()).password({ message, mask: '*', validate: options?.validate }, ctx),
    confirm: async (message, defaultValue = false) => (await inquirer()).confirm({ message, default: defaultValue }, ctx),
    select: async <T,>(message: string, choices: Choice<T>[]) => (await inquirer()).select<T>({ message, choices, pageSize: 12 }, ctx),
    editor: async (message, defaultValue) => (await inquirer()).editor({ message, default: defaultValue, postfix: '.txt' }, ctx),
  };
}
