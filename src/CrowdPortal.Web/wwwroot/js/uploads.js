// "My uploads": sends the chosen file to the API with XMLHttpRequest so the progress bar can follow the upload,
// then reloads the list. The antiforgery token travels in a header, read from the page's meta tag.
(function () {
    'use strict';
    const form = document.getElementById('upload-form');
    if (!form) {
        return;
    }

    const fileInput = document.getElementById('upload-file');
    const button = document.getElementById('upload-button');
    const area = document.getElementById('upload-progress-area');
    const bar = document.getElementById('upload-progress');
    const label = document.getElementById('upload-progress-label');
    const errorBox = document.getElementById('upload-error');
    const token = document.querySelector('meta[name="request-verification-token"]').content;
    const maxBytes = Number(form.dataset.maxBytes);

    function showError(message) {
        errorBox.textContent = message;
        errorBox.classList.remove('d-none');
    }

    function setProgress(percent, text) {
        bar.value = percent;
        bar.textContent = percent + '%';
        label.textContent = text;
    }

    form.addEventListener('submit', function (event) {
        event.preventDefault();
        errorBox.classList.add('d-none');
        const file = fileInput.files[0];
        if (!file) {
            showError('Choose a video file first.');
            return;
        }
        if (file.size > maxBytes) {
            showError('This file is larger than the upload limit.');
            return;
        }

        const data = new FormData();
        data.append('file', file);
        const xhr = new XMLHttpRequest();
        xhr.open('POST', form.action);
        xhr.setRequestHeader('RequestVerificationToken', token);
        xhr.setRequestHeader('Accept', 'application/json');
        xhr.upload.addEventListener('progress', function (e) {
            if (e.lengthComputable) {
                const percent = Math.round((e.loaded / e.total) * 100);
                setProgress(percent, percent < 100 ? 'Uploading… ' + percent + '%' : 'Checking the video…');
            }
        });
        xhr.addEventListener('load', function () {
            button.disabled = false;
            if (xhr.status === 201) {
                setProgress(100, 'Uploaded.');
                window.location.reload();
                return;
            }
            let message = 'The upload failed (HTTP ' + xhr.status + ').';
            try {
                const problem = JSON.parse(xhr.responseText);
                if (problem.detail) {
                    message = problem.detail;
                }
            } catch (e) {
                // Not JSON: keep the generic message.
            }
            area.classList.add('d-none');
            showError(message);
        });
        xhr.addEventListener('error', function () {
            button.disabled = false;
            area.classList.add('d-none');
            showError('The upload was interrupted. Check the connection and try again.');
        });

        button.disabled = true;
        area.classList.remove('d-none');
        setProgress(0, 'Uploading… 0%');
        xhr.send(data);
    });

    // Delete buttons ask first; without script the form simply posts.
    document.querySelectorAll('form[data-confirm]').forEach(function (f) {
        f.addEventListener('submit', function (e) {
            if (!window.confirm(f.dataset.confirm)) {
                e.preventDefault();
            }
        });
    });
})();
