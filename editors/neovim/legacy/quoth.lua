-- quoth for Neovim 0.8-0.10 (0.7 works too): paste into init.lua, or save as
-- ~/.config/nvim/plugin/quoth.lua. On Neovim 0.11+ use lsp/quoth.lua instead.
local quoth_cmd = { 'quoth', 'lsp' }

local function quoth_root(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or vim.fn.getcwd()
  if vim.fs and vim.fs.find then -- Neovim 0.8+
    local marker = vim.fs.find({ 'quoth.toml', '.git' }, { path = dir, upward = true })[1]
    if marker then
      return vim.fs.dirname(marker)
    end
  end
  return dir
end

local quoth_client_id -- only used on Neovim 0.7, which lacks vim.lsp.start

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'text', 'markdown' },
  group = vim.api.nvim_create_augroup('quoth', { clear = true }),
  callback = function(args)
    if vim.fn.executable(quoth_cmd[1]) ~= 1 then
      vim.notify_once('quoth: `' .. quoth_cmd[1] .. '` is not on PATH, see editors/neovim/README.md', vim.log.levels.WARN)
      return
    end
    -- quoth's settings (README.md, "Settings"); a quoth.toml wins over them.
    local settings = { quoth = {} }
    local config = {
      name = 'quoth',
      cmd = quoth_cmd,
      root_dir = quoth_root(args.buf),
      init_options = settings,
      settings = settings,
    }
    if vim.lsp.start then
      vim.lsp.start(config, { bufnr = args.buf })
    else
      if not quoth_client_id or vim.lsp.client_is_stopped(quoth_client_id) then
        quoth_client_id = vim.lsp.start_client(config)
      end
      if quoth_client_id then
        vim.lsp.buf_attach_client(args.buf, quoth_client_id)
      end
    end
  end,
})
