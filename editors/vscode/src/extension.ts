// The quoth extension: starts `quoth lsp --stdio` for plain-text and Markdown
// documents and lets vscode-languageclient do the rest (hovers, the outline of
// quotations, diagnostics, inlay hints, code lenses, quick fixes). Everything
// here is about finding the binary, explaining clearly when it is missing,
// restarting on demand, handing the `quoth.*` settings to the server and
// showing a code lens's quotations in a peek.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

/** The server's code lens command: arguments `[uri, position, locations]`. */
const SHOW_QUOTATIONS = 'quoth.showQuotations';

/** Where the README explains how to install the server binary. */
const INSTALL_URL = 'https://example.invalid/quoth/tree/main/editors/vscode#1-install-the-server';

let client: LanguageClient | undefined;
let serverLog: vscode.LogOutputChannel;
let traceLog: vscode.LogOutputChannel;
/** Starts and restarts run one after another: a client still starting cannot be stopped. */
let restarting: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): Promise<void> {
  serverLog = vscode.window.createOutputChannel('quoth', { log: true });
  traceLog = vscode.window.createOutputChannel('quoth trace', { log: true });
  context.subscriptions.push(
    serverLog,
    traceLog,
    vscode.commands.registerCommand('quoth.restartServer', () => restart()),
    vscode.commands.registerCommand('quoth.showOutput', () => serverLog.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('quoth.path') || event.affectsConfiguration('quoth.languages')) {
        void restart();
      }
    }),
  );
  restarting = start();
  return restarting;
}

export async function deactivate(): Promise<void> {
  await restarting.catch(() => undefined);
  await stop();
}

function restart(): Promise<void> {
  restarting = restarting.catch(() => undefined).then(async () => {
    serverLog.info('Restarting the quoth server.');
    await stop();
    await start();
  });
  return restarting;
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (!running) {
    return;
  }
  try {
    await running.stop();
  } catch (error) {
    serverLog.error(`Stopping the server failed: ${String(error)}`);
  }
  await running.dispose();
}

async function start(): Promise<void> {
  const config = vscode.workspace.getConfiguration('quoth');
  const configured = config.get<string>('path', 'quoth').trim() || 'quoth';
  const command = resolveBinary(configured);
  if (!command) {
    reportMissingBinary(configured);
    return;
  }

  const languages = config.get<string[]>('languages', ['plaintext', 'markdown']);
  // TransportKind.stdio makes the client append `--stdio`: `quoth lsp --stdio`.
  const serverOptions: ServerOptions = {
    command,
    args: ['lsp'],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: languages.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel: serverLog,
    traceOutputChannel: traceLog,
    // The `quoth.*` settings go to the server at start and on every change;
    // a quoth.toml next to the articles wins over them (see docs/features.md).
    initializationOptions: { quoth: vscode.workspace.getConfiguration('quoth') },
    synchronize: { configurationSection: 'quoth' },
    middleware: {
      // "N quotations" lenses open VS Code's references peek.
      provideCodeLenses: async (document, token, next) => {
        const lenses = await next(document, token);
        return lenses?.map(asPeek);
      },
    },
  };

  // The id 'quoth' makes the client read the `quoth.trace.server` setting.
  client = new LanguageClient('quoth', 'quoth', serverOptions, clientOptions);
  serverLog.info(`Starting ${command} lsp --stdio for: ${languages.join(', ')}`);
  try {
    await client.start();
  } catch (error) {
    serverLog.error(`The quoth server failed to start: ${String(error)}`);
    void vscode.window
      .showErrorMessage(`quoth: the server (${command}) failed to start. See the "quoth" output for details.`, 'Show log')
      .then((choice) => choice && serverLog.show(true));
  }
}

/** Turns the server's quoth.showQuotations lens into VS Code's references peek. */
function asPeek(lens: vscode.CodeLens): vscode.CodeLens {
  const command = lens.command;
  const converter = client?.protocol2CodeConverter;
  if (!command || command.command !== SHOW_QUOTATIONS || !converter || !command.arguments) {
    return lens;
  }
  const [uri, position, locations] = command.arguments;
  lens.command = {
    title: command.title,
    command: 'editor.action.showReferences',
    arguments: [
      converter.asUri(uri),
      converter.asPosition(position),
      (locations ?? []).map((location: Parameters<typeof converter.asLocation>[0]) => converter.asLocation(location)),
    ],
  };
  return lens;
}

/** Finds the binary: an explicit path, or a command name looked up on PATH. */
function resolveBinary(configured: string): string | undefined {
  const expanded = configured.startsWith('~') ? path.join(os.homedir(), configured.slice(1)) : configured;
  if (expanded.includes('/') || expanded.includes('\\')) {
    const absolute = path.resolve(workspaceRoot() ?? process.cwd(), expanded);
    return isExecutable(absolute) ? absolute : undefined;
  }
  const extensions = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const extension of extensions) {
      const candidate = path.join(dir, expanded + extension);
      if (dir && isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function workspaceRoot(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function reportMissingBinary(configured: string): void {
  const where = configured === 'quoth' ? '`quoth` was not found on PATH' : `\`${configured}\` was not found or is not executable`;
  serverLog.error(`The quoth server binary ${where.replace(/`/g, '')}. Install it: ${INSTALL_URL}`);
  void vscode.window
    .showErrorMessage(
      `quoth: the server binary ${where}. Install quoth (one cargo command), or set "quoth.path" to the binary.`,
      'How to install',
      'Set quoth.path',
    )
    .then((choice) => {
      if (choice === 'How to install') {
        void vscode.env.openExternal(vscode.Uri.parse(INSTALL_URL));
      } else if (choice === 'Set quoth.path') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'quoth.path');
      }
    });
}
