import { confirm, editor, input, password, select } from '@inquirer/prompts';

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

/** The real prompts, drawn with inquirer on the terminal. */
export function inquirerPrompter(streams: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream }): Prompter {
  const ctx = { input: streams.input, output: streams.output };
  return {
    input: (message, options) => input({ message, default: options?.default, validate: options?.validate }, ctx),
    password: (message, options) => password({ message, mask: '*', validate: options?.validate }, ctx),
    confirm: (message, defaultValue = false) => confirm({ message, default: defaultValue }, ctx),
    select: <T,>(message: string, choices: Choice<T>[]) => select<T>({ message, choices, pageSize: 12 }, ctx),
    editor: (message, defaultValue) => editor({ message, default: defaultValue, postfix: '.txt' }, ctx),
  };
}
