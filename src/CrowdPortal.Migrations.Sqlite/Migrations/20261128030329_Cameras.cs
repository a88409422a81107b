using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrowdPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Cameras : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "connection_state",
                table: "videos",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "dropped_samples",
                table: "videos",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "enabled",
                table: "videos",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_frame_at",
                table: "videos",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "stream_url_protected",
                table: "videos",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "stream_url_redacted",
                table: "videos",
                type: "TEXT",
                maxLength: 2048,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "connection_state",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "dropped_samples",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "enabled",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "last_frame_at",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "stream_url_protected",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "stream_url_redacted",
                table: "videos");
        }
    }
}
