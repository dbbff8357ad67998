---@brief
---
--- https://example.invalid/quoth
---
--- quoth finds the quotations in news articles (plain text and Markdown) and
--- says who said them: hover a quotation or a speaker, list the quotations as
--- document symbols, and get diagnostics for unattributed or unterminated
--- quotations.
---
--- Install the server with `cargo install --path .` from a quoth checkout (or
--- put a `quoth` binary on your PATH some other way), then:
---
--- ```lua
--- vim.lsp.enable('quoth')
--- ```

---@type vim.lsp.Config
return {
  cmd = { 'quoth', 'lsp' },
  filetypes = { 'text', 'markdown' },
  root_markers = { '.git' },
}
