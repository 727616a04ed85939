// Page helpers shared by the sample apps' H5 pages: DOM lookup, API calls, messages, chip pickers.
function $(id) { return document.getElementById(id); }

/** fetch + JSON; resolves to the body when `code` is 0, else rejects with the server's `msg`. */
async function call(url, init) {
  var r;
  try { r = await fetch(url, init); } catch (e) { throw new Error('网络异常，请稍后重试'); }
  var data = await r.json().catch(function () { return {}; });
  if (!r.ok || data.code !== 0) throw new Error(data.msg || '服务异常');
  return data;
}

/**
 * A client for one app's API host. The session token lives in localStorage under `tokenKey`.
 * opts: `json` (object), `form` (URLSearchParams) or `multipart` (FormData).
 */
function apiClient(base, tokenKey) {
  var client = function (method, path, opts) {
    opts = opts || {};
    var headers = {};
    var body;
    var t = localStorage.getItem(tokenKey);
    if (t) headers.Authorization = 'Bearer ' + t;
    if (opts.json) { headers['Content-Type'] = 'application/json'; body = JSON.stringify(opts.json); }
    if (opts.form) { headers['Content-Type'] = 'application/x-www-form-urlencoded'; body = opts.form.toString(); }
    if (opts.multipart) body = opts.multipart;
    return call(base + path, { method: method, headers: headers, body: body });
  };
  client.setToken = function (t) { localStorage.setItem(tokenKey, t); };
  client.clearToken = function () { localStorage.removeItem(tokenKey); };
  return client;
}

function say(id, text, ok) {
  var el = $(id);
  el.textContent = text;
  el.className = ok ? 'msg ok' : 'msg';
  el.hidden = false;
}

/** Chips: tap one to select it; the returned getter gives the selected chip's data-value. */
function chips(groupId) {
  var group = $(groupId);
  group.addEventListener('click', function (e) {
    var c = e.target.closest('.chip');
    if (!c) return;
    group.querySelectorAll('.chip').forEach(function (x) { x.classList.remove('on'); });
    c.classList.add('on');
  });
  return function () { var on = group.querySelector('.chip.on'); return on ? on.dataset.value : ''; };
}

/**
 * The privacy-policy dialog every app shows first: `#policy-dialog` with `#agree` / `#disagree`.
 * Calls onState('agreed' | 'refused'); the agreement is remembered under `key`.
 */
function policyGate(key, onState) {
  function enter(state) { $('policy-dialog').hidden = true; onState(state); }
  $('agree').onclick = function () { localStorage.setItem(key, 'agreed'); enter('agreed'); };
  $('disagree').onclick = function () { enter('refused'); };
  if (localStorage.getItem(key) === 'agreed') enter('agreed'); else $('policy-dialog').hidden = false;
  return function show() { $('policy-dialog').hidden = false; };
}
