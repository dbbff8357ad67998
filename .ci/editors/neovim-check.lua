-- Runs inside a headless Neovim started by .ci/editors/test-neovim.sh.
-- Environment: QUOTH_NVIM_MODE (modern|legacy), QUOTH_EDITORS (editors/ dir),
-- QUOTH_ARTICLE (the .md fixture), QUOTH_TEXT_ARTICLE (the .txt fixture).
-- Loads the shipped config exactly as the README tells a user to, opens the
-- articles, and checks what the real server answers. Any failure ends Neovim
-- with a non-zero exit code.

local mode = os.getenv('QUOTH_NVIM_MODE') or 'modern'
local editors = assert(os.getenv('QUOTH_EDITORS'), 'QUOTH_EDITORS unset')
local failures = 0

local function say(msg)
  io.stdout:write(msg .. '\n')
end

local function check(ok, what)
  if ok then
    say('ok   ' .. what)
  else
    failures = failures + 1
    say('FAIL ' .. what)
  end
  return ok
end

local function clients_for(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr, name = 'quoth' })
  end
  local found = {}
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == 'quoth' then
      table.insert(found, client)
    end
  end
  return found
end

local function find_in_buffer(bufnr, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then
      -- LSP positions count UTF-16 code units by default.
      return { line = i - 1, character = vim.str_utfindex(line, col - 1) }
    end
  end
end

local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, 10000)
  if not responses then
    return nil, tostring(err)
  end
  for _, response in pairs(responses) do
    if response.err then
      return nil, vim.inspect(response.err)
    end
    return response.result
  end
  return nil, 'no response'
end

local function hover_text(result)
  if not result or not result.contents then
    return ''
  end
  local contents = result.contents
  if type(contents) == 'string' then
    return contents
  end
  if contents.value then
    return contents.value
  end
  local parts = {}
  for _, part in ipairs(contents) do
    table.insert(parts, type(part) == 'string' and part or (part.value or ''))
  end
  return table.concat(parts, '\n')
end

local function open_article(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  check(vim.wait(15000, function()
    return #clients_for(bufnr) > 0
  end, 100), ('quoth attaches to %s (filetype %s)'):format(vim.fn.fnamemodify(path, ':t'), vim.bo[bufnr].filetype))
  return bufnr
end

local function symbols_of(bufnr)
  local result, err = request(bufnr, 'textDocument/documentSymbol', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  })
  check(result ~= nil, 'documentSymbol answers' .. (err and (' (' .. err .. ')') or ''))
  return result or {}
end

local function has_detail(symbols, pattern)
  for _, symbol in ipairs(symbols) do
    if symbol.detail and symbol.detail:find(pattern, 1, true) then
      return true
    end
  end
  return false
end

local function run()
  if mode == 'modern' then
    -- What editors/neovim/README.md tells 0.11+ users: put lsp/quoth.lua on
    -- the runtimepath and enable it.
    vim.opt.runtimepath:prepend(editors .. '/neovim')
    vim.lsp.enable('quoth')
  else
    dofile(editors .. '/neovim/legacy/quoth.lua')
  end
  local v = vim.version()
  say(('neovim %d.%d.%d, %s config'):format(v.major, v.minor, v.patch, mode))

  -- Markdown article: a minister's press conference.
  local md = open_article(os.getenv('QUOTH_ARTICLE'))
  check(vim.wait(15000, function()
    for _, d in ipairs(vim.diagnostic.get(md)) do
      if d.source == 'quoth' then
        return true
      end
    end
    return false
  end, 100), 'diagnostics from quoth arrive')

  local symbols = symbols_of(md)
  check(#symbols == 2, ('one symbol per quotation (want 2, got %d)'):format(#symbols))
  check(has_detail(symbols, 'Daniel Okafor'), 'a symbol names Daniel Okafor as speaker')
  check(has_detail(symbols, 'unattributed'), 'a symbol is marked unattributed')

  local pos = find_in_buffer(md, 'he warned')
  check(pos ~= nil, 'fixture contains "he warned"')
  if pos then
    local hover, err = request(md, 'textDocument/hover', {
      textDocument = { uri = vim.uri_from_bufnr(md) },
      position = pos,
    })
    local text = hover_text(hover)
    check(text:find('Daniel Okafor', 1, true) ~= nil,
      'hover on "he" names Daniel Okafor' .. (err and (' (' .. err .. ')') or (' (got: ' .. text:gsub('\n', ' ') .. ')')))
  end

  local unattributed = false
  for _, d in ipairs(vim.diagnostic.get(md)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if d.source == 'quoth' and code == 'unattributed-quote' and d.severity == vim.diagnostic.severity.WARN then
      unattributed = true
    end
  end
  check(unattributed, 'an unattributed-quote warning is shown')

  -- Plain-text article: filetype "text" must activate quoth too.
  local txt = open_article(os.getenv('QUOTH_TEXT_ARTICLE'))
  check(has_detail(symbols_of(txt), 'Priya Raman'), 'plain-text article: a symbol names Priya Raman')
end

local ok, err = pcall(run)
if not ok then
  check(false, 'test script error: ' .. tostring(err))
end
say(('%d failure(s)'):format(failures))
if failures > 0 then
  vim.cmd('cquit 1')
else
  vim.cmd('qall!')
end
