// The Cameras page: add an IP camera or a webcam, start/stop/delete, and follow each camera's status live
// (the analysis hub's Camera events for every listed camera).
import { api, cameraStateBadge, hubConnection } from './portal.js';
import { analysisEvents, analysisHubUrl } from './hub-events.js';

(function () {
    'use strict';

    for (const form of document.querySelectorAll('#add-ip-camera, #add-webcam')) {
        form.addEventListener('submit', async function (e) {
            e.preventDefault();
            const error = form.querySelector('[data-role="error"]');
            error.classList.add('d-none');
            const body = { name: form.elements.name.value, kind: form.dataset.kind };
            if (form.elements.url) { body.url = form.elements.url.value; }
            try {
                const camera = await api.post('/api/v1/cameras', body);
                window.location.href = camera.kind === 'webcam' ? '/Cameras/Webcam/' + camera.id : '/Cameras';
            } catch (err) {
                error.textContent = err.message;
                error.classList.remove('d-none');
            }
        });
        // The page ships the button disabled so that nothing is sent before this handler is in place.
        form.querySelector('button[type="submit"]').disabled = false;
    }

    function render(row, camera) {
        const badge = row.querySelector('[data-role="state"]');
        badge.textContent = camera.state;
        badge.className = 'badge ' + cameraStateBadge(camera.state);
        if (camera.lastFrameAt) {
            row.querySelector('[data-role="last-frame"]').textContent = new Date(camera.lastFrameAt).toLocaleString() + (camera.fps ? ' · ' + camera.fps + ' fps' : '');
        }
        const details = [];
        if (camera.droppedSamples > 0) { details.push(camera.droppedSamples + ' samples dropped (database unavailable)'); }
        if (camera.bufferedBatches > 0) { details.push(camera.bufferedBatches + ' waiting for the database'); }
        row.querySelector('[data-role="details"]').textContent = details.join(' · ');
        // The API's answers carry lastError; the hub's status events do not, and leave it as it is.
        if (camera.lastError !== undefined) {
            row.querySelector('[data-role="error"]').textContent = camera.lastError || '';
        }
    }

    const table = document.getElementById('camera-list');
    if (!table) { return; }
    table.addEventListener('click', async function (e) {
        const button = e.target.closest('button[data-action]');
        if (!button) { return; }
        const row = button.closest('tr');
        const id = row.dataset.cameraId;
        const action = button.dataset.action;
        if (action === 'delete' && !window.confirm('Delete ' + button.dataset.name + ' and all its counts and alerts?')) { return; }
        button.disabled = true;
        try {
            if (action === 'delete') {
                await api.del('/api/v1/cameras/' + id);
                row.remove();
                return;
            }
            const camera = await api.post('/api/v1/cameras/' + id + '/' + action);
            row.querySelector('[data-action="start"]').classList.toggle('d-none', camera.enabled);
            row.querySelector('[data-action="stop"]').classList.toggle('d-none', !camera.enabled);
            render(row, camera);
        } catch (err) {
            window.alert(err.message);
        } finally {
            button.disabled = false;
        }
    });

    const rows = Array.from(table.querySelectorAll('tr[data-camera-id]'));
    const connection = hubConnection(analysisHubUrl);
    connection.on(analysisEvents.camera, function (status) {
        const row = table.querySelector('tr[data-camera-id="' + status.videoId + '"]');
        if (row) { render(row, { state: status.state, lastFrameAt: status.lastFrameAt, fps: status.fps, droppedSamples: status.droppedSamples, bufferedBatches: status.bufferedBatches }); }
    });
    async function watchAll() {
        for (const row of rows) { await connection.invoke('Watch', Number(row.dataset.cameraId)); }
    }
    connection.onreconnected(watchAll);
    connection.start().then(watchAll).catch(function () { /* the list still works without live status */ });
})();
