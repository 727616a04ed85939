// Preloaded (NODE_OPTIONS=--require) into a Node app that calls server.listen(port) with no host,
// which would listen on every interface: the bed's servers listen on 127.0.0.1 only.
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) {
    const host = typeof args[1] === 'string' ? args[1] : undefined;
    if (!host) args.splice(1, 0, '127.0.0.1');
  } else if (args[0] && typeof args[0] === 'object' && args[0].port !== undefined && !args[0].host) {
    args[0] = { ...args[0], host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
