// The SignalR hubs' addresses and the methods the server calls on the pages. The names are written once in C#, as
// the interfaces IAnalysisClient and IWebcamClient (src/CrowdPortal.Web/Hubs); HubClientContractTests fails when an
// object here differs from its interface, or when a page listens to a hub by any name but these.
export const analysisHubUrl = '/hubs/analysis';

export const analysisEvents = Object.freeze({
    progress: 'Progress',
    frame: 'Frame',
    samples: 'Samples',
    alert: 'Alert',
    completed: 'Completed',
    camera: 'Camera',
});

export const webcamHubUrl = '/hubs/webcam';

export const webcamEvents = Object.freeze({
    result: 'Result',
});
