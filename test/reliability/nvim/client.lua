-- A headless Neovim (0.7+, from Debian) as an independent LSP client: starts the
-- Source Check server over stdio, opens a draft, waits for diagnostics, asks for
-- hover and definition at given positions, and writes everything it got as JSON.
-- Driven by test/reliability/nvim.test.ts through environment variables.
local server = os.getenv('SC_SERVER')
local root = os.getenv('SC_ROOT')
local draft = os.getenv('SC_DRAFT')
local out_path = os.getenv('SC_OUT')
local positions = vim.fn.json_decode(os.getenv('SC_POSITIONS'))
local out = { diagnostics = {}, hovers = {}, definitions = {}, errors = {} }

vim.cmd('edit ' .. vim.fn.fnameescape(draft))
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = 'markdown'

local client_id = vim.lsp.start_client({
  name = 'source-check',
  cmd = { 'node', server, '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'ws' } },
})
vim.lsp.buf_attach_client(bufnr, client_id)

-- Raw diagnostics as the server published them (LSP shapes, not Neovim's).
local published = nil
local default = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result and result.uri == vim.uri_from_bufnr(bufnr) and #result.diagnostics > 0 then published = result end
  return default(err, result, ctx, config)
end

local ok = vim.wait(30000, function() return published ~= nil end, 50)
if not ok then table.insert(out.errors, 'no diagnostics within 30 s') end
for _, d in ipairs(published and published.diagnostics or {}) do
  table.insert(out.diagnostics, { code = d.code, severity = d.severity, message = d.message, range = d.range })
end

local uri = vim.uri_from_bufnr(bufnr)
for i, pos in ipairs(positions) do
  local params = { textDocument = { uri = uri }, position = pos }
  local h = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 10000) or {}
  local d = vim.lsp.buf_request_sync(bufnr, 'textDocument/definition', params, 10000) or {}
  local hv, df = vim.NIL, vim.NIL
  for _, r in pairs(h) do
    if r.err then table.insert(out.errors, vim.inspect(r.err)) elseif r.result then hv = r.result end
  end
  for _, r in pairs(d) do
    if r.err then table.insert(out.errors, vim.inspect(r.err)) elseif r.result then df = r.result end
  end
  out.hovers[i] = hv
  out.definitions[i] = df
end

-- Then the writer types, through Neovim's own incremental sync: 30 characters at the start of
-- the heading, one at a time, and a paragraph (with astral characters) inserted above the quotes,
-- so that every range moves. The server must publish for the final version, with ranges in it.
published = nil
for _ = 1, 30 do
  vim.api.nvim_buf_set_text(bufnr, 0, 0, 0, 0, { 'x' })
end
vim.api.nvim_buf_set_lines(bufnr, 2, 2, false, { 'A new paragraph 🎉 with 👩🏽‍💼 before the quotes.', '' })
-- And astral characters typed before a quote on its own line (UTF-16 positions in the sync).
for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
  if line:find('Of course', 1, true) then vim.api.nvim_buf_set_text(bufnr, i - 1, 0, i - 1, 0, { '🎉👩🏽‍💼 ' }) end
end
local final_version = vim.lsp.util.buf_versions[bufnr]
ok = vim.wait(30000, function() return published ~= nil and published.version == final_version end, 50)
if not ok then table.insert(out.errors, 'no diagnostics for the edited version ' .. tostring(final_version) .. ' within 30 s') end
out.edited = {
  text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n',
  version = published and published.version or vim.NIL,
  final_version = final_version,
  diagnostics = {},
}
for _, d in ipairs(published and published.diagnostics or {}) do
  table.insert(out.edited.diagnostics, { code = d.code, severity = d.severity, message = d.message, range = d.range })
end

vim.fn.writefile({ vim.fn.json_encode(out) }, out_path)
vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd('qa!')
