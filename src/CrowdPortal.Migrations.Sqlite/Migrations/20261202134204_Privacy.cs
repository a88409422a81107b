using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrowdPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Privacy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "delete_footage_after_analysis",
                table: "videos",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "footage_deleted_at",
                table: "videos",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "privacy_level",
                table: "videos",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Off");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "delete_footage_after_analysis",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "footage_deleted_at",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "privacy_level",
                table: "videos");
        }
    }
}
