using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdPortal.Data.Configurations;

internal sealed class NotificationChannelConfiguration : IEntityTypeConfiguration<NotificationChannel>
{
    public void Configure(EntityTypeBuilder<NotificationChannel> builder)
    {
        builder.ToTable("notification_channels");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.UserId).IsRequired().HasMaxLength(450);
        builder.Property(c => c.Name).IsRequired().HasMaxLength(64);
        builder.Property(c => c.Kind).IsRequired().HasMaxLength(16);
        builder.Property(c => c.Url).HasMaxLength(2048);
        builder.Property(c => c.SecretProtected).HasMaxLength(2000);
        builder.Property(c => c.EmailTo).HasMaxLength(1000);
        builder.Property(c => c.MqttHost).HasMaxLength(253);
        builder.Property(c => c.MqttUsername).HasMaxLength(256);
        builder.Property(c => c.MqttTopicPrefix).HasMaxLength(128);
        builder.Property(c => c.MqttConnection).HasMaxLength(500);
        builder.Property(c => c.Events).IsRequired().HasMaxLength(512);
        builder.Property(c => c.VideoIds).HasMaxLength(2000);
        builder.Property(c => c.MinLevel).HasMaxLength(16).HasConversion(AlertLevelWordConverter.Instance);
        builder.Property(c => c.PauseReason).HasMaxLength(1000);
        builder.Property(c => c.ClaimedBy).HasMaxLength(128);
        builder.HasIndex(c => c.UserId);
        builder.HasOne(c => c.User).WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
