// A throwaway RFC 3161 time-stamp authority on 127.0.0.1, made with openssl, for timestamp tests.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LocalTsa {
  url: string;
  /** The TSA's CA certificate (PEM), for verifyTimestamp / privlab verify --tsa-ca. */
  caFile: string;
  /** Requests answered so far. */
  served(): number;
  close(): Promise<void>;
}

const ssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: 'pipe' });

function makeTsa(dir: string): void {
  ssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=Test TSA CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign'], dir);
  ssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', '/CN=Test TSA'], dir);
  writeFileSync(join(dir, 'tsa.ext'), 'extendedKeyUsage=critical,timeStamping\nkeyUsage=critical,digitalSignature\n');
  ssl(['x509', '-req', '-in', 'tsa.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'tsa.crt', '-days', '2', '-extfile', 'tsa.ext'], dir);
  writeFileSync(join(dir, 'tsaserial'), '01\n');
  writeFileSync(
    join(dir, 'tsa.cnf'),
    [
      '[ tsa ]', 'default_tsa = tsa1', '[ tsa1 ]', `serial = ${dir}/tsaserial`, `signer_cert = ${dir}/tsa.crt`, `signer_key = ${dir}/tsa.key`,
      'signer_digest = sha256', 'default_policy = 1.2.3.4.1', 'digests = sha256', 'accuracy = secs:1', 'ess_cert_id_alg = sha256', '',
    ].join('\n'),
  );
}

export async function startLocalTsa(): Promise<LocalTsa> {
  const pki = mkdtempSync(join(tmpdir(), 'privlab-tsa-'));
  makeTsa(pki);
  let served = 0;
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      served++;
      if (req.headers['content-type'] !== 'application/timestamp-query') return void res.writeHead(415).end();
      const q = join(pki, `q${served}.tsq`);
      writeFileSync(q, Buffer.concat(parts));
      const reply = ssl(['ts', '-reply', '-config', 'tsa.cnf', '-queryfile', q, '-out', '-'], pki);
      res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(reply);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`,
    caFile: join(pki, 'ca.crt'),
    served: () => served,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
