// The report formats `privlab run` and `privlab report` write, in order.

import { allureReporter } from './allure/reporter.ts';
import { labReporter } from './lab/reporter.ts';
import type { Reporter } from './reporter.ts';

export const REPORTERS: readonly Reporter[] = [allureReporter, labReporter];
