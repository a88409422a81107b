// Forms that delete something ask first: every form with data-confirm="question" on any page (the layout loads this
// script). The pages ship their buttons disabled, so that no click deletes before the question is in place.

for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', function (e) {
        if (!window.confirm(form.dataset.confirm)) {
            e.preventDefault();
        }
    });
    for (const button of form.querySelectorAll('button[type="submit"]')) {
        button.disabled = false;
    }
}
