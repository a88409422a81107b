// "My uploads": sends the chosen file to the API with XMLHttpRequest so the progress bar can follow the upload,
// then reloads the list; and keeps the status of videos being analysed current. The antiforgery token travels in a
// header, read from the page's meta tag.
import * as portal from './portal.js';

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
        xhr.setRequestHeader('RequestVerificationToken', portal.antiforgeryToken);
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
    // The page ships the button disabled so that nothing is sent before this handler is in place.
    button.disabled = false;

    // Rows of videos being analysed follow their progress without a reload: while any row is queued or analysing, the
    // list is read again every 2 s (one request for all rows) and their badges and progress bars are updated in place.
    const POLL_MS = 2000;
    const rows = function () {
        return Array.from(document.querySelectorAll('#video-list tr[data-video-id]'));
    };

    function showStatus(row, video) {
        const active = portal.isActiveStatus(video.status);
        const percent = Math.round(Math.min(1, Math.max(0, video.progress || 0)) * 100);
        const look = portal.statusLook(video.status);
        const badge = row.querySelector('[data-role="status-badge"]');
        badge.className = 'badge ' + look[0];
        badge.textContent = look[1];
        const progress = row.querySelector('[data-role="progress"]');
        progress.value = percent;
        progress.textContent = percent + ' %';
        progress.classList.toggle('d-none', !active);
        const text = row.querySelector('[data-role="percent"]');
        text.textContent = percent + ' %';
        text.classList.toggle('d-none', !active);
        row.dataset.status = video.status;
    }

    function followActiveRows() {
        if (!rows().some(function (row) { return portal.isActiveStatus(row.dataset.status); })) {
            return;
        }
        const timer = window.setInterval(async function () {
            let videos;
            try {
                videos = await portal.api.get('/api/v1/videos');
            } catch (e) {
                return; // A missed read is retried on the next tick.
            }
            const byId = new Map(videos.map(function (v) { return [String(v.id), v]; }));
            let anyActive = false;
            rows().forEach(function (row) {
                const video = byId.get(row.dataset.videoId);
                if (video) {
                    showStatus(row, video);
                    anyActive = anyActive || portal.isActiveStatus(video.status);
                }
            });
            if (!anyActive) {
                window.clearInterval(timer);
            }
        }, POLL_MS);
    }

    followActiveRows();
})();
