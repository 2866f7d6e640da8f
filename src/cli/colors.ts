// The colour instance every renderer uses: off with NO_COLOR (https://no-color.org) or when not a TTY.
import { Chalk } from 'chalk';

/** Chalk, honouring NO_COLOR. */
export const colors = new Chalk(process.env.NO_COLOR ? { level: 0 } : {});
