import type { Command } from 'commander';
import { setAccess } from '../../../consent/consent.js';
import type { AccessSetting } from '../../../consent/state.js';
import { usageError } from '../../../errors.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { reportChange, who } from './shared.js';

const WHAT = {
  emergency: { name: 'emergency access (bris de glace)', help: 'professionals may open your record in an emergency when you cannot express your will (bris de glace); allowed unless you oppose' },
  samu: { name: "the SAMU regulating doctor's access", help: "the SAMU's regulating doctor (centre 15) may open your record; allowed unless you oppose (a separate setting from emergency access)" },
} as const;

export function registerAccess(consent: Command, ctx: Context, which: 'emergency' | 'samu'): void {
  consent
    .command(which)
    .description(WHAT[which].help)
    .argument('<allow|oppose>', 'allow (what the law presumes) or oppose')
    .addHelpText('after', examples(`dmp consent ${which} oppose`, `dmp consent ${which} allow`))
    .action(
      action(ctx, ([setting]) => {
        if (setting !== 'allow' && setting !== 'oppose') throw usageError(`"${String(setting)}" is neither allow nor oppose.`, `Run \`dmp consent ${which} allow\` or \`dmp consent ${which} oppose\`.`);
        const w = who(ctx);
        const outcome = setAccess(ctx.store(), w, which, setting as AccessSetting);
        const state = setting === 'allow' ? 'allowed' : 'opposed';
        reportChange(ctx, w, outcome, `${cap(WHAT[which].name)}: ${state}.`, `${cap(WHAT[which].name)} was already ${state}; nothing changed.`);
      }),
    );
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
