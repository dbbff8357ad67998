;;; emacs-check.el --- batch end-to-end test of editors/emacs/quoth.el  -*- lexical-binding: t; -*-
;; Run by .ci/editors/test-emacs.sh with quoth on PATH:
;;   emacs --batch -l editors/emacs/quoth.el -l emacs-check.el ARTICLE.md ARTICLE.txt
;; Opens each article the way a user does (find-file, then the command loop's
;; post-command-hook, which is where `eglot-ensure' connects), then asks the
;; real server through Eglot's connection for symbols and a hover, and reads
;; the diagnostics Flymake got.  Exits non-zero on any failure.

(require 'cl-lib)
(require 'subr-x)

(defvar quoth-check-failures 0)

(defun quoth-check (ok what &optional detail)
  (if ok
      (princ (format "ok   %s\n" what))
    (setq quoth-check-failures (1+ quoth-check-failures))
    (princ (format "FAIL %s%s\n" what (if detail (format "  (%s)" detail) ""))))
  ok)

(defun quoth-wait (seconds predicate)
  "Let timers and processes run until PREDICATE is non-nil or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)) result)
    (while (and (not (setq result (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    result))

(defun quoth-open (file)
  (find-file file)
  ;; Emacs runs post-command-hook after each command; batch mode runs none.
  (run-hooks 'post-command-hook)
  (quoth-check (quoth-wait 20 #'eglot-current-server)
               (format "eglot connects %s (%s) to quoth" (file-name-nondirectory file) major-mode))
  (eglot-current-server))

(defun quoth-symbols (server)
  (append (jsonrpc-request server :textDocument/documentSymbol
                           (list :textDocument (eglot--TextDocumentIdentifier)))
          nil))

(defun quoth-has-detail (symbols text)
  (cl-some (lambda (s) (string-match-p (regexp-quote text) (or (plist-get s :detail) "")))
           symbols))

(defun quoth-hover-text (hover)
  (let ((contents (plist-get hover :contents)))
    (cond ((stringp contents) contents)
          ((plist-get contents :value))
          ((vectorp contents)
           (mapconcat (lambda (c) (if (stringp c) c (plist-get c :value))) contents "\n"))
          (t ""))))

(defun quoth-run (md txt)
  (princ (format "Emacs %s, Eglot %s\n" emacs-version
                 (let ((desc (cadr (assq 'eglot package-alist))))
                   (if desc (package-version-join (package-desc-version desc)) "built in"))))
  (let ((server (quoth-open md)))
    (when server
      (quoth-check (eq major-mode 'markdown-mode) "article.md is in markdown-mode" major-mode)
      (let ((symbols (quoth-symbols server)))
        (quoth-check (= (length symbols) 2) "one symbol per quotation (2)" (length symbols))
        (quoth-check (quoth-has-detail symbols "Daniel Okafor") "a symbol names Daniel Okafor as speaker"
                     (mapcar (lambda (s) (plist-get s :detail)) symbols))
        (quoth-check (quoth-has-detail symbols "unattributed") "a symbol is marked unattributed"))
      (let ((index (ignore-errors (funcall imenu-create-index-function))))
        (quoth-check (consp index) "M-x imenu lists the quotations" index))
      (goto-char (point-min))
      (when (quoth-check (search-forward "he warned" nil t) "fixture contains \"he warned\"")
        (goto-char (match-beginning 0))
        (let ((text (quoth-hover-text
                     (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))))
          (quoth-check (string-match-p "Daniel Okafor" text) "hover on \"he\" names Daniel Okafor" text)))
      (let ((warning
             (quoth-wait 20 (lambda ()
                              (flymake-start)
                              (cl-find-if (lambda (d)
                                            (and (eq (flymake-diagnostic-type d) 'eglot-warning)
                                                 (string-match-p "\\`quoth \\[unattributed-quote\\]"
                                                                 (flymake-diagnostic-text d))))
                                          (flymake-diagnostics))))))
        (quoth-check warning "Flymake shows an unattributed-quote warning"
                     (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))))
  (let ((server (quoth-open txt)))
    (when server
      (quoth-check (eq major-mode 'text-mode) "article.txt is in text-mode" major-mode)
      (quoth-check (quoth-has-detail (quoth-symbols server) "Priya Raman")
                   "plain-text article: a symbol names Priya Raman")))
  (let ((org (make-temp-file "quoth-check" nil ".org")))
    (find-file org)
    (run-hooks 'post-command-hook)
    (quoth-check (not (eglot-current-server)) "no quoth in org-mode, which derives from text-mode")
    (kill-buffer)
    (delete-file org)))

(let ((args command-line-args-left))
  (setq command-line-args-left nil)
  (condition-case err
      (quoth-run (expand-file-name (nth 0 args)) (expand-file-name (nth 1 args)))
    (error (quoth-check nil "test script error" (error-message-string err))))
  (ignore-errors (eglot-shutdown-all))
  (princ (format "%d failure(s)\n" quoth-check-failures))
  (kill-emacs (if (zerop quoth-check-failures) 0 1)))
