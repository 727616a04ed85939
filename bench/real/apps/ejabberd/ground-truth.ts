// ejabberd's own account list after the run (ejabberdctl registered_users), and whether its web
// registration page links any privacy notice.

import { execFileSync } from 'node:child_process';
import type { GroundTruthCheck } from '../../lib/ground-truth.ts';

const here = import.meta.dirname;
const PORT = process.env.EJ_PORT ?? '8282';

function registeredUsers(): string[] {
  const out = execFileSync('bash', ['-c', `. "${here}/../../lib/common.sh"; . "${here}/env.sh"; . "${here}/ctl.sh"; ctl registered_users "$EJ_HOST"`], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

const check: GroundTruthCheck = async (accounts) => {
  const users = registeredUsers();
  const left = accounts.filter((a) => users.includes(a.user.toLowerCase()));
  const page = await (await fetch(`http://127.0.0.1:${PORT}/register/new`)).text();
  return {
    facts: {
      accountsGoneAfterDelete: left.length === 0,
      noPrivacyNotice: !/privacy|隐私/i.test(page),
    },
    notes: [
      `registered_users after the run: ${users.length} account(s) on the domain; of this run's ${accounts.length}: ${left.map((a) => a.user).join(', ') || 'none left'}`,
      'mod_register stores user name and password (auth_password_format plain by default) in Mnesia; nothing else is asked',
    ],
  };
};

export default check;
