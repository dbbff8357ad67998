// Runs inside the real VS Code extension host (code-server), next to the
// installed quoth extension, and asks VS Code itself (not the server) what the
// user would see: the document symbols, a hover, the diagnostics, inlay
// hints, code lenses, quick fixes and a setting taking effect.
// Writes quoth-e2e-result.json into the workspace folder; the shell script
// that started code-server reads it.
'use strict';
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function poll(what, fn, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await fn();
      if (last) return last;
    } catch (error) {
      last = undefined;
    }
    await sleep(250);
  }
  return last;
}

function flatten(symbols) {
  const out = [];
  for (const symbol of symbols || []) {
    out.push(symbol);
    if (symbol.children) out.push(...flatten(symbol.children));
  }
  return out;
}

function hoverText(hovers) {
  const parts = [];
  for (const hover of hovers || []) {
    for (const content of hover.contents) {
      parts.push(typeof content === 'string' ? content : content.value);
    }
  }
  return parts.join('\n');
}

function positionOf(doc, needle) {
  const offset = doc.getText().indexOf(needle);
  return offset < 0 ? undefined : doc.positionAt(offset);
}

async function quothSymbols(uri, speaker) {
  return poll(`symbols naming ${speaker}`, async () => {
    const symbols = flatten(await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri));
    return symbols.some((s) => (s.detail || '').includes(speaker)) ? symbols : undefined;
  });
}

async function run(folder, check) {
  const ext = vscode.extensions.getExtension('quoth.quoth');
  check('the quoth extension is installed', !!ext);

  const mdUri = vscode.Uri.joinPath(folder.uri, 'article.md');
  const md = await vscode.workspace.openTextDocument(mdUri);
  await vscode.window.showTextDocument(md);
  check('article.md opens as markdown', md.languageId === 'markdown', md.languageId);
  check('the quoth extension activates', !!(await poll('activation', () => ext && ext.isActive)));

  const diagnostics = await poll('diagnostics', () => {
    const found = vscode.languages.getDiagnostics(mdUri).filter((d) => d.source === 'quoth');
    return found.length ? found : undefined;
  });
  const unattributed = (diagnostics || []).find((d) => {
    const code = typeof d.code === 'object' && d.code ? d.code.value : d.code;
    return code === 'unattributed-quote';
  });
  check('an unattributed-quote diagnostic arrives', !!unattributed,
    JSON.stringify((diagnostics || []).map((d) => [d.code, d.severity, d.message])));
  check('it is a warning', !!unattributed && unattributed.severity === vscode.DiagnosticSeverity.Warning);

  const symbols = (await quothSymbols(mdUri, 'Daniel Okafor')) || [];
  // VS Code's own Markdown support adds heading symbols; quoth's carry a
  // detail (the speaker, or "unattributed").
  const quotations = symbols.filter((s) => s.detail === 'unattributed' || (s.detail || '').includes('Daniel Okafor'));
  check('a symbol names Daniel Okafor as speaker', symbols.some((s) => (s.detail || '').includes('Daniel Okafor')),
    JSON.stringify(symbols.map((s) => [s.name, s.detail])));
  check('a symbol is marked unattributed', symbols.some((s) => s.detail === 'unattributed'));
  check('one symbol per quotation (2)', quotations.length === 2, String(quotations.length));

  const he = positionOf(md, 'he warned');
  check('fixture contains "he warned"', !!he);
  if (he) {
    const text = await poll('hover', async () => {
      const t = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', mdUri, he));
      return t.includes('Daniel Okafor') ? t : undefined;
    }, 10000);
    check('hover on "he" names Daniel Okafor', !!text, text);
  }

  // Inlay hints: after "he", the speaker it resolves to.
  const labelOf = (h) => (typeof h.label === 'string' ? h.label : h.label.map((part) => part.value).join(''));
  const hints = await poll('inlay hints', async () => {
    const found = await vscode.commands.executeCommand('vscode.executeInlayHintProvider', mdUri,
      new vscode.Range(0, 0, md.lineCount, 0));
    return (found || []).length ? found : undefined;
  }, 10000);
  check('an inlay hint after "he" names Daniel Okafor', (hints || []).some((h) => labelOf(h) === '→ Daniel Okafor'),
    JSON.stringify((hints || []).map(labelOf)));

  // Code lens: "1 quotation", opening VS Code's references peek.
  const lenses = await poll('code lenses', async () => {
    const found = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', mdUri);
    return (found || []).length ? found : undefined;
  }, 10000);
  const lens = (lenses || []).find((l) => l.command && /quotation/.test(l.command.title));
  check('a code lens counts the quotations and opens the references peek',
    !!lens && lens.command.command === 'editor.action.showReferences' && lens.command.arguments[2].length === 1,
    JSON.stringify((lenses || []).map((l) => l.command && [l.command.title, l.command.command])));

  // Quick fixes on the unattributed quotation.
  if (unattributed) {
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', mdUri, unattributed.range);
    const titles = (actions || []).map((a) => a.title);
    check('quick fixes include "Attribute to Okafor" and "Mark as intentionally unattributed"',
      titles.includes('Attribute to Okafor') && titles.includes('Mark as intentionally unattributed'), JSON.stringify(titles));
  }

  // Settings reach the server: quoth.severity turns the warning into an error.
  const codeOf = (d) => (typeof d.code === 'object' && d.code ? d.code.value : d.code);
  await vscode.workspace.getConfiguration('quoth')
    .update('severity', { 'unattributed-quote': 'error' }, vscode.ConfigurationTarget.Global);
  const asError = await poll('severity from settings', () => vscode.languages.getDiagnostics(mdUri)
    .some((d) => d.source === 'quoth' && codeOf(d) === 'unattributed-quote' && d.severity === vscode.DiagnosticSeverity.Error), 15000);
  check('quoth.severity reaches the server (unattributed-quote as an error)', !!asError);
  await vscode.workspace.getConfiguration('quoth').update('severity', undefined, vscode.ConfigurationTarget.Global);

  const txtUri = vscode.Uri.joinPath(folder.uri, 'article.txt');
  const txt = await vscode.workspace.openTextDocument(txtUri);
  await vscode.window.showTextDocument(txt);
  check('article.txt opens as plaintext', txt.languageId === 'plaintext', txt.languageId);
  check('plain-text article: a symbol names Priya Raman', !!(await quothSymbols(txtUri, 'Priya Raman')));

  const commands = await vscode.commands.getCommands(true);
  check('"quoth: Restart server" is registered', commands.includes('quoth.restartServer'));
  await vscode.commands.executeCommand('quoth.restartServer');
  check('symbols still arrive after a restart', !!(await quothSymbols(mdUri, 'Daniel Okafor')));

  // VS Code caches document symbols per document version, so the checks
  // below, which need to see quoth stop serving, use hovers and diagnostics.
  const quothDiagnostics = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'quoth');
  const hoverNamesOkafor = async () =>
    hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', mdUri, he)).includes('Daniel Okafor');

  // The document selector follows quoth.languages (the client restarts).
  await vscode.workspace.getConfiguration('quoth')
    .update('languages', ['markdown'], vscode.ConfigurationTarget.Global);
  const narrowed = await poll('selector without plaintext', async () =>
    quothDiagnostics(txtUri).length === 0 && quothDiagnostics(mdUri).length > 0 && (await hoverNamesOkafor()), 15000);
  check('quoth.languages = ["markdown"] leaves plain text alone', !!narrowed,
    `txt: ${quothDiagnostics(txtUri).length} quoth diagnostics, md: ${quothDiagnostics(mdUri).length}`);

  // A quoth.path that does not exist: the extension restarts, explains in an
  // error message and in the "quoth" log (which test-vscode.sh reads), and
  // serves nothing.
  try {
    await vscode.workspace.getConfiguration('quoth')
      .update('path', '/nonexistent/quoth', vscode.ConfigurationTarget.Global);
    check('quoth.path can be changed', true);
  } catch (error) {
    check('quoth.path can be changed', false, error);
  }
  const gone = await poll('quoth gone', async () =>
    quothDiagnostics(mdUri).length === 0 && !(await hoverNamesOkafor()), 15000);
  check('with a missing binary, quoth serves nothing', !!gone);
}

async function activate() {
  const folder = (vscode.workspace.workspaceFolders || [])[0];
  if (!folder) return;
  const root = folder.uri.fsPath;
  fs.writeFileSync(path.join(root, 'quoth-e2e-started'), `${vscode.version}\n`);
  const checks = [];
  const check = (name, ok, detail) => checks.push({ name, ok: !!ok, detail: detail === undefined ? '' : String(detail) });
  try {
    await run(folder, check);
  } catch (error) {
    check('test extension ran without throwing', false, error && error.stack ? error.stack : error);
  }
  const result = { vscode: vscode.version, ok: checks.length > 0 && checks.every((c) => c.ok), checks };
  fs.writeFileSync(path.join(root, 'quoth-e2e-result.json.tmp'), JSON.stringify(result, null, 2));
  fs.renameSync(path.join(root, 'quoth-e2e-result.json.tmp'), path.join(root, 'quoth-e2e-result.json'));
}

module.exports = { activate, deactivate() {} };
