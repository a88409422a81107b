// The webcam page: captures frames from this browser's camera (getUserMedia), sends them as JPEG (chosen width, rate
// and quality) over the webcam hub, and draws the boxes, zones and counts the server returns over the local video.
// Only one frame is in flight at a time, so a slow network or server drops frames instead of building a queue.
// When the camera is denied, missing or busy, the page says so and what to do.
import { api, hubConnection, levelInfo } from './portal.js';
import { webcamEvents, webcamHubUrl } from './hub-events.js';

(function () {
    'use strict';
    const page = document.getElementById('webcam-page');
    if (!page) { return; }
    const cameraId = Number(page.dataset.cameraId);
    const video = document.getElementById('webcam-video');
    const overlay = document.getElementById('webcam-overlay');
    const message = document.getElementById('webcam-message');
    const startButton = document.getElementById('webcam-start');
    const stopButton = document.getElementById('webcam-stop');
    const peopleText = document.getElementById('webcam-people');
    const zoneList = document.getElementById('webcam-zones');
    const stats = document.getElementById('webcam-stats');
    const widthSelect = document.getElementById('webcam-width');
    const rateSelect = document.getElementById('webcam-rate');
    const qualitySelect = document.getElementById('webcam-quality');

    const capture = document.createElement('canvas');
    let stream = null;
    let connection = null;
    let timer = 0;
    let inFlight = false;
    let zones = [];
    let lastResult = null;
    let sent = 0;
    const latencies = [];
    window.CrowdPortalWebcam = { latencies: latencies, results: 0 };

    function show(text, kind) {
        message.textContent = text;
        message.className = 'alert alert-' + (kind || 'warning');
    }

    function explain(err) {
        switch (err && err.name) {
            case 'NotAllowedError':
            case 'SecurityError':
                return 'Camera access was denied. Allow the camera for this site in the browser (the camera icon in the address bar), then press Start camera again.';
            case 'NotFoundError':
            case 'OverconstrainedError':
                return 'No camera was found. Connect a webcam, then press Start camera again.';
            case 'NotReadableError':
                return 'The camera is in use by another application. Close it, then press Start camera again.';
            default:
                return 'The camera could not be started' + (err && err.message ? ': ' + err.message : '.');
        }
    }

    async function loadZones() {
        try {
            zones = await api.get('/api/v1/cameras/' + cameraId + '/zones');
        } catch { zones = []; }
    }

    async function start() {
        if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
            show('This browser cannot share a camera with this page (it needs HTTPS, or http://localhost).');
            return;
        }
        startButton.disabled = true;
        try {
            stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: Number(widthSelect.value) } }, audio: false });
        } catch (err) {
            show(explain(err));
            startButton.disabled = false;
            return;
        }
        video.srcObject = stream;
        await video.play().catch(function () { /* autoplay of a muted stream is allowed */ });
        await loadZones();
        try {
            // No automatic reconnection: a lost connection stops the camera and says so (below).
            connection = hubConnection(webcamHubUrl, { reconnect: false });
            connection.on(webcamEvents.result, onResult);
            connection.onclose(function () { if (stream) { show('The connection to the server was lost. Press Start camera to try again.'); stop(); } });
            await connection.start();
            await connection.invoke('Start', cameraId);
        } catch (err) {
            show('The server could not start the analysis: ' + (err && err.message ? err.message : 'unknown error'), 'danger');
            stop();
            return;
        }
        message.className = 'alert d-none';
        startButton.classList.add('d-none');
        stopButton.classList.remove('d-none');
        schedule();
    }

    function stop() {
        window.clearInterval(timer);
        timer = 0;
        if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
        stream = null;
        if (connection) { const c = connection; connection = null; c.stop(); }
        inFlight = false;
        startButton.disabled = false;
        startButton.classList.remove('d-none');
        stopButton.classList.add('d-none');
    }

    function schedule() {
        window.clearInterval(timer);
        timer = window.setInterval(sendFrame, 1000 / Number(rateSelect.value));
    }

    function sendFrame() {
        if (!connection || inFlight || video.readyState < 2 || !video.videoWidth) { return; }
        const width = Math.min(Number(widthSelect.value), video.videoWidth);
        const height = Math.round(video.videoHeight * width / video.videoWidth);
        capture.width = width;
        capture.height = height;
        capture.getContext('2d').drawImage(video, 0, 0, width, height);
        const capturedAt = performance.now();
        const base64 = capture.toDataURL('image/jpeg', Number(qualitySelect.value)).slice('data:image/jpeg;base64,'.length);
        inFlight = true;
        connection.invoke('Frame', cameraId, base64, capturedAt)
            .then(function () { sent++; })
            .catch(function (err) { show('A frame was refused: ' + (err && err.message ? err.message : 'unknown error')); })
            .finally(function () { inFlight = false; });
    }

    function onResult(result) {
        lastResult = result;
        window.CrowdPortalWebcam.results++;
        if (result.capturedAtMs > 0) {
            latencies.push(performance.now() - result.capturedAtMs);
            if (latencies.length > 200) { latencies.shift(); }
        }
        peopleText.textContent = result.people;
        renderZones(result.zones);
        draw();
        const sorted = latencies.slice().sort(function (a, b) { return a - b; });
        const p95 = sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]) : 0;
        stats.textContent = 'Frames sent: ' + sent + ' · dropped by the server: ' + result.framesDropped + ' · capture → count p95: ' + p95 + ' ms';
    }

    function renderZones(counts) {
        zoneList.replaceChildren();
        for (const zone of counts) {
            const item = document.createElement('li');
            item.className = 'list-group-item d-flex justify-content-between align-items-center';
            item.dataset.testid = 'webcam-zone-count';
            item.dataset.zone = zone.zoneId;
            const name = document.createElement('span');
            name.textContent = zone.label;
            const value = document.createElement('span');
            value.className = 'badge ' + levelInfo(zone.level).badge;
            value.textContent = zone.current + (zone.density != null ? ' (' + zone.density + '/m²)' : '') + ' · ' + zone.level;
            item.append(name, value);
            zoneList.append(item);
        }
    }

    function draw() {
        const w = overlay.clientWidth;
        const h = overlay.clientHeight;
        overlay.width = w;
        overlay.height = h;
        const g = overlay.getContext('2d');
        g.clearRect(0, 0, w, h);
        const levels = new Map((lastResult ? lastResult.zones : []).map(function (z) { return [z.zoneId, z.level]; }));
        g.lineWidth = 2;
        for (const zone of zones) {
            if (!zone.points || zone.points.length < 2) { continue; }
            const level = levels.get(zone.zoneId);
            g.strokeStyle = zone.kind === 'mask' ? '#777' : (level ? levelInfo(level).stroke : (zone.colour || '#1e90ff'));
            g.beginPath();
            zone.points.forEach(function (p, i) { if (i === 0) { g.moveTo(p[0] * w, p[1] * h); } else { g.lineTo(p[0] * w, p[1] * h); } });
            if (zone.kind !== 'line') { g.closePath(); }
            g.stroke();
        }
        if (!lastResult) { return; }
        g.strokeStyle = '#00e676';
        g.fillStyle = '#00e676';
        g.font = '12px sans-serif';
        for (const t of lastResult.tracks) {
            g.strokeRect(t.x1 * w, t.y1 * h, (t.x2 - t.x1) * w, (t.y2 - t.y1) * h);
            g.fillText('#' + t.id, t.x1 * w + 2, t.y1 * h + 12);
        }
    }

    startButton.addEventListener('click', start);
    stopButton.addEventListener('click', stop);
    rateSelect.addEventListener('change', function () { if (timer) { schedule(); } });
    window.addEventListener('resize', draw);
})();
