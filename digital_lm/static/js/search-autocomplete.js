/*
 * Suggestions under the search box while typing: a progressive enhancement.
 *
 * Without this script the box is a plain text field of a GET form. With it, the box becomes
 * an ARIA combobox (the WAI-ARIA 1.2 "list autocomplete" pattern): typing asks the suggest
 * API for matching resources, shown in a listbox that the arrow keys move through; Enter opens
 * the chosen resource, Escape closes the list, and Enter with no choice submits the search.
 *
 * Every visible or spoken text comes from data attributes that the page fills in the
 * visitor's language: data-label-suggestions, data-msg-available ("{count}" is replaced),
 * data-msg-none and data-type-<type>.
 */
(function () {
    "use strict";

    var DEBOUNCE_MS = 250;
    var LIMIT = 8;

    function setUp(container) {
        var input = container.querySelector("input");
        var url = container.dataset.suggestUrl;
        if (!input || !url || !window.fetch || !window.AbortController) {
            return;
        }
        var data = container.dataset;
        var listId = input.id + "-suggestions";

        var listbox = document.createElement("ul");
        listbox.id = listId;
        listbox.className = "autocomplete__list";
        listbox.setAttribute("role", "listbox");
        listbox.setAttribute("aria-label", data.labelSuggestions || "");
        listbox.hidden = true;

        var status = document.createElement("div");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        status.setAttribute("aria-live", "polite");

        container.appendChild(listbox);
        container.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listId);
        // The browser's own history would cover ours.
        input.setAttribute("autocomplete", "off");

        var items = [];
        var active = -1;
        var timer = null;
        var controller = null;
        var lastText = null;

        function isOpen() {
            return !listbox.hidden;
        }

        function close() {
            listbox.hidden = true;
            input.setAttribute("aria-expanded", "false");
            setActive(-1);
        }

        function open() {
            if (items.length) {
                listbox.hidden = false;
                input.setAttribute("aria-expanded", "true");
            }
        }

        function setActive(index) {
            var options = listbox.children;
            if (active >= 0 && options[active]) {
                options[active].setAttribute("aria-selected", "false");
                options[active].classList.remove("autocomplete__option--active");
            }
            active = index;
            if (active >= 0 && options[active]) {
                var option = options[active];
                option.setAttribute("aria-selected", "true");
                option.classList.add("autocomplete__option--active");
                input.setAttribute("aria-activedescendant", option.id);
                option.scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function announce(message) {
            status.textContent = message;
        }

        function safeUrl(address) {
            try {
                var parsed = new URL(address, window.location.href);
                return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
            } catch (error) {
                return null;
            }
        }

        function go(index) {
            var item = items[index];
            var address = item && safeUrl(item.url);
            if (address) {
                window.location.assign(address);
            }
        }

        function render(suggestions) {
            items = suggestions.filter(function (item) {
                return item.title && safeUrl(item.url);
            });
            listbox.textContent = "";
            active = -1;
            input.removeAttribute("aria-activedescendant");
            items.forEach(function (item, index) {
                var option = document.createElement("li");
                option.id = listId + "-" + index;
                option.className = "autocomplete__option";
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");

                var title = document.createElement("span");
                title.className = "autocomplete__title";
                title.textContent = item.title;
                if (item.language) {
                    title.lang = item.language;
                }
                option.appendChild(title);

                var kind = String(item.type || "");
                var typeLabel = kind && data["type" + kind.charAt(0).toUpperCase() + kind.slice(1)];
                if (typeLabel) {
                    var type = document.createElement("span");
                    type.className = "autocomplete__type";
                    type.textContent = typeLabel;
                    option.appendChild(document.createTextNode(" "));
                    option.appendChild(type);
                }

                // Keep the focus in the box when an option is pressed.
                option.addEventListener("mousedown", function (event) {
                    event.preventDefault();
                });
                option.addEventListener("click", function () {
                    go(index);
                });
                listbox.appendChild(option);
            });
            if (items.length) {
                open();
                announce((data.msgAvailable || "").replace("{count}", String(items.length)));
            } else {
                close();
                announce(data.msgNone || "");
            }
        }

        // Latin-script text needs two letters to be worth a request; one Chinese, Thai, Lao,
        // Khmer or Myanmar character already narrows the titles down.
        function longEnough(text) {
            return text.length >= 2 || /[^\u0000-\u024f]/.test(text);
        }

        function fetchSuggestions(text) {
            if (controller) {
                controller.abort();
            }
            controller = new AbortController();
            var query = new URLSearchParams({ q: text, lang: data.lang || "", limit: String(LIMIT) });
            fetch(url + "?" + query.toString(), {
                headers: { Accept: "application/json" },
                signal: controller.signal,
            })
                .then(function (response) {
                    if (!response.ok) {
                        throw new Error("HTTP " + response.status);
                    }
                    return response.json();
                })
                .then(function (body) {
                    // Only the answer for what the box holds now.
                    if (input.value.trim() === text && document.activeElement === input) {
                        render(Array.isArray(body.suggestions) ? body.suggestions : []);
                    }
                })
                .catch(function () {
                    // Suggestions are a convenience: on any failure the form still works.
                    if (input.value.trim() === text) {
                        render([]);
                        announce("");
                    }
                });
        }

        input.addEventListener("input", function () {
            var text = input.value.trim();
            window.clearTimeout(timer);
            if (text === lastText) {
                return;
            }
            lastText = text;
            if (!longEnough(text)) {
                if (controller) {
                    controller.abort();
                }
                items = [];
                listbox.textContent = "";
                close();
                announce("");
                return;
            }
            timer = window.setTimeout(function () {
                fetchSuggestions(text);
            }, DEBOUNCE_MS);
        });

        input.addEventListener("keydown", function (event) {
            switch (event.key) {
                case "ArrowDown":
                case "Down":
                    if (!items.length) {
                        return;
                    }
                    event.preventDefault();
                    if (!isOpen()) {
                        open();
                        setActive(0);
                    } else {
                        setActive(active + 1 < items.length ? active + 1 : 0);
                    }
                    break;
                case "ArrowUp":
                case "Up":
                    if (!items.length) {
                        return;
                    }
                    event.preventDefault();
                    if (!isOpen()) {
                        open();
                        setActive(items.length - 1);
                    } else {
                        setActive(active > 0 ? active - 1 : items.length - 1);
                    }
                    break;
                case "Enter":
                    // With an option chosen, open it; otherwise the form is submitted.
                    if (isOpen() && active >= 0) {
                        event.preventDefault();
                        go(active);
                    }
                    break;
                case "Escape":
                case "Esc":
                    if (isOpen()) {
                        event.preventDefault();
                        close();
                    }
                    break;
                case "Tab":
                    close();
                    break;
                default:
                    break;
            }
        });

        input.addEventListener("blur", function () {
            close();
        });

        input.addEventListener("focus", function () {
            // Coming back to the box shows the last suggestions again (without choosing one).
            if (items.length && input.value.trim() === lastText) {
                open();
            }
        });
    }

    function init() {
        var containers = document.querySelectorAll("[data-autocomplete]");
        for (var i = 0; i < containers.length; i++) {
            setUp(containers[i]);
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
