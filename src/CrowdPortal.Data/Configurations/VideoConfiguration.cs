using CrowdPortal.Core.Analysis;
using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdPortal.Data.Configurations;

internal sealed class VideoConfiguration : IEntityTypeConfiguration<Video>
{
    public void Configure(EntityTypeBuilder<Video> builder)
    {
        builder.ToTable("videos");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.UserId).IsRequired().HasMaxLength(450);
        builder.Property(v => v.FileName).IsRequired().HasMaxLength(255);
        builder.Property(v => v.StoredPath).IsRequired().HasMaxLength(512);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.SourceKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.PrivacyLevel).HasConversion<string>().HasMaxLength(16).HasDefaultValue(PrivacyLevel.Off).HasSentinel(PrivacyLevel.Off);
        builder.Property(v => v.Tiling).HasConversion<string>().HasMaxLength(8).HasDefaultValue(TilingMode.Auto).HasSentinel(TilingMode.Auto);
        builder.Property(v => v.Error).HasMaxLength(1000);
        builder.Property(v => v.ModelName).HasMaxLength(128);
        builder.Property(v => v.StreamUrlProtected).HasMaxLength(4000);
        builder.Property(v => v.StreamUrlRedacted).HasMaxLength(2048);
        // Stored as the lower-case names the column has always held, so existing rows need no migration.
        builder.Property(v => v.ConnectionState).HasMaxLength(16)
            .HasConversion(c => c.HasValue ? c.Value.Name() : null, s => s == null ? null : CameraConnectionNames.Parse(s));
        builder.HasIndex(v => v.Status);
        builder.Ignore(v => v.DurationSeconds);
        builder.Ignore(v => v.FarArea);
        builder.HasIndex(v => new { v.UserId, v.CreatedAt });
        builder.HasOne(v => v.User).WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
