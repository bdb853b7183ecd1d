
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
  // Streams read at the first question (the input may be a getter that creates it).
  const ctx = () => ({ input: streams.input, output: streams.output });
  // Loaded on the first question only: inquirer costs ~50 ms of start-up that scripts never need.
  const ui = () => import('@inquirer/prompts');
  return {
    input: async (message, options) => (await ui()).input({ message, default: options?.default, validate: options?.validate }, ctx()),
    password: async (message, options) => (await ui()).password({ message, mask: '*', validate: options?.validate }, ctx()),
    confirm: async (message, defaultValue = false) => (await ui()).confirm({ message, default: defaultValue }, ctx()),
    select: async <T,>(message: string, choices: Choice<T>[]) => (await ui()).select<T>({ message, choices, pageSize: 12 }, ctx()),
    editor: async (message, defaultValue) => (await ui()).editor({ message, default: defaultValue, postfix: '.txt' }, ctx()),
  };
}

/** Turns a check that throws into a prompt validator: the error's message is shown under the answer. */
export function asValidator(check: (value: string) => unknown): (value: string) => true | string {
  return (value) => {
    try {
      check(value);
      return true;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  };
}
