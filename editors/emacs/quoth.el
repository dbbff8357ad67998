;;; quoth.el --- Use the quoth language server through Eglot  -*- lexical-binding: t; -*-

;; quoth finds the quotations in news articles and says who said them.
;; Load this file from your init file, or paste its body there:
;;   (load "/path/to/quoth.el")
;; Needs Eglot: built into Emacs 29+, `M-x package-install RET eglot' on 28.

;;; Code:

(require 'eglot)

;; Eglot runs `quoth lsp' (found on `exec-path') for these major modes.
(add-to-list 'eglot-server-programs
             '((text-mode markdown-mode gfm-mode markdown-ts-mode) . ("quoth" "lsp")))

(defun quoth-eglot-ensure ()
  "Start Eglot with quoth in plain-text and Markdown buffers visiting files.
Only those modes: many other modes (Org, commit messages) derive from
`text-mode' and would otherwise try to start a server too."
  (when (memq major-mode '(text-mode markdown-mode gfm-mode markdown-ts-mode))
    (eglot-ensure)))

(add-hook 'text-mode-hook #'quoth-eglot-ensure)
(add-hook 'markdown-mode-hook #'quoth-eglot-ensure)

(provide 'quoth)
;;; quoth.el ends here
