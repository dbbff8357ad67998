---@brief
---
--- https://example.invalid/quoth
---
--- quoth finds the quotations in news articles (plain text and Markdown) and
--- says who said them: hover a quotation or a speaker, list the quotations as
--- document symbols (each with its speaker, or "unattributed"), and get
--- diagnostics for unattributed or unterminated quotations.
---
--- Install the server with cargo:
--- ```sh
--- cargo install --path .   (in a checkout of the quoth repository)
--- ```

---@type vim.lsp.Config
return {
  cmd = { 'quoth', 'lsp' },
  filetypes = { 'text', 'markdown' },
  root_markers = { 'quoth.toml', '.git' },
  -- quoth's settings (see README.md, "Settings"); a quoth.toml beside the
  -- articles wins over them.
  settings = {
    quoth = {},
  },
}
