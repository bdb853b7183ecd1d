import type { Notice } from '../../../summary/summary.js';

export interface WordedNotice {
  code: Notice['code'];
  message: string;
  count?: number;
  actIds?: number[];
  command?: string;
}

/** The notices in words, with the command that acts on them. */
export function wordNotices(notices: Notice[]): WordedNotice[] {
  return notices.map((n) => {
    switch (n.code) {
      case 'payer-data-informative':
        return { code: n.code, message: 'Reimbursement data come from the health insurance and are shown for information only: they say what was paid, not what was found.' };
      case 'biology-without-results': {
        const ids = n.actIds.slice(0, 10).join(', ') + (n.count > 10 ? ', …' : '');
        const command = `dmp health add lab --analyte NAME --value V --unit U --date YYYY-MM-DD --reimbursement ${n.actIds[0]}`;
        return { code: n.code, count: n.count, actIds: n.actIds, command, message: `${n.count} biology act${n.count > 1 ? 's' : ''} of the last 24 months ${n.count > 1 ? 'have' : 'has'} no lab result entered (act${n.count > 1 ? 's' : ''} ${ids}). Enter the results from the paper report: ${command}` };
      }
      case 'empty-record':
        return { code: n.code, command: 'dmp docs add FILE', message: 'This record holds nothing yet. Start with `dmp docs add FILE`, `dmp reimbursements import EXPORT.csv` or `dmp health add allergy --substance NAME`.' };
    }
  });
}
